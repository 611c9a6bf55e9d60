package org.pathlight.donations;

import org.pathlight.payments.Frequency;

/** How many plans stand at a status and frequency, and their amounts together (staff summary). */
public record PlanGroup(PlanStatus status, Frequency frequency, Long plans, Long amount) {}
