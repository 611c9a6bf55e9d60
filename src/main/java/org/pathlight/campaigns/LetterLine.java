package org.pathlight.campaigns;

/** A letter as the campaign's counts need it: who it went to, how, and where it stands. */
public record LetterLine(
    long id,
    String officialId,
    String officialName,
    String officialTitle,
    Letter.Channel channel,
    Letter.Status status,
    Long outboxId,
    String failureReason) {}
