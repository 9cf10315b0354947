/**
 * Text tasks read from the data cache: character-level language modelling on Moby Dick and ham-versus-spam
 * classification on the SpamAssassin corpus, as INT32 token-id splits.
 */
package org.lpa4j.datasets.text;
