package org.lpa4j.trainers.multigrade;

import java.util.function.Supplier;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.training.TrainingListener;

/** A {@link TrainingListener} that also hears when a grade is done; the multigrade trainer calls it after every grade. */
public interface GradeListener extends TrainingListener {

    /**
     * Grade {@code result.grade()} is trained and evaluated; {@code weights} exports a host copy of every grade's current
     * weights when called (nothing is copied otherwise).
     */
    void onGradeEnd(String trainer, GradeResult result, Supplier<ParameterSet> weights);
}
