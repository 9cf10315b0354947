/**
 * The backend-neutral vocabulary of lpa4j: tensors and ops, parameters and layers, compiled programs
 * and backend discovery. Nothing here imports an engine.
 */
package org.lpa4j.api;
