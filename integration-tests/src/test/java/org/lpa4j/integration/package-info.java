/** Tests that need every module at once: architecture rules, cross-backend agreement, and the broken backend the suite must catch. */
package org.lpa4j.integration;
