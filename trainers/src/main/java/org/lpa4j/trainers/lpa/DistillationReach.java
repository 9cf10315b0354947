package org.lpa4j.trainers.lpa;

/** Which parameters the teacher term of self-distillation trains; the target term always trains every parameter. */
public enum DistillationReach {
    /** Trunk and head: the students' readouts as they are. */
    ALL,
    /** The shared head only: the students' states enter the teacher term through a stop-gradient. */
    HEAD,
    /** The trunk only (stem and blocks): the head's parameters enter the teacher term through a stop-gradient. */
    TRUNK
}
