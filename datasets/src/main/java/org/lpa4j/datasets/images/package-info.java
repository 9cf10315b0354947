/**
 * Real image-classification data sets read from the fetched cache: MNIST and Fashion-MNIST (IDX files, raw or
 * gzipped) and the sklearn 8x8 digits (CSV), as standardised FLOAT {@code [N, 1, H, W]} images and INT32 labels.
 */
package org.lpa4j.datasets.images;
