package org.pathlight.common;

/**
 * A person mail can go to, as the person record tells it: their address, their name, and whether
 * their safe-contact flag asks for a neutral sender name. The person record makes it and the outbox
 * reads it, so neither depends on the other and no caller can drop the flag.
 */
public record Recipient(String email, String name, boolean discreet) {}
