/**
 * Saved models ("bundles"): a folder holding {@code model.json} (what the model is, how it was made and how good it is
 * at every depth) and {@code weights.safetensors}, written as a whole and loaded only when every part agrees.
 * {@link org.lpa4j.models.Models} is the entry point.
 *
 * <p>A module of its own rather than part of the api: reading and writing JSON needs a JSON library (Jackson), and the
 * api stays free of one; the architecture registry the bundle rebuilds networks through lives in the api, so a
 * backend or an architecture never needs this module.
 */
package org.lpa4j.models;
