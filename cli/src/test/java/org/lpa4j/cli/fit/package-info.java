/** Tests of one fit run as a whole: what it leaves on disk when it completes, fails or is killed. */
package org.lpa4j.cli.fit;
