/** The training loop shared by every progressive trainer (template method); trainers live in sub-packages. */
package org.lpa4j.trainers;
