/**
 * Options shared by several commands: the {@code --backend} mixin, the data options of a saved model's task, and the
 * flag that sets each library setting, so a library message can be completed with the flag's name.
 */
package org.lpa4j.cli.option;
