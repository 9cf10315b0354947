/**
 * Options shared by several commands (the {@code --backend} mixin, the data options of a saved model's task) and what
 * the command line adds to a library's error: the flag of the command that sets what the message names.
 */
package org.lpa4j.cli.option;
