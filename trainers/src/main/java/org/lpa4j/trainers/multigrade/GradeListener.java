package org.lpa4j.trainers.multigrade;

import java.util.function.Supplier;
import org.lpa4j.api.params.ParameterSet;

/** Hears when a grade is done; give it to {@link MultigradeTrainer#onGradeEnd}. */
@FunctionalInterface
public interface GradeListener {

    /**
     * Grade {@code result.grade()} is trained and evaluated; {@code weights} exports a host copy of every grade's current
     * weights when called (nothing is copied otherwise).
     */
    void onGradeEnd(String trainer, GradeResult result, Supplier<ParameterSet> weights);
}
