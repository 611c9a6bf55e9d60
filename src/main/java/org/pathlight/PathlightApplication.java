package org.pathlight;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS root: every resource of every component lives under {@code /api}. */
@ApplicationPath("api")
public class PathlightApplication extends Application {}
