/** Tests of experiments: the builder's checks, a real run of every kind of trainer, the reports over seeds. */
package org.lpa4j.experiments;
