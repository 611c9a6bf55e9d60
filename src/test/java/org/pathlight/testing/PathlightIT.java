package org.pathlight.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** An Arquillian integration test on Payara Micro against the {@link TestEnvironment}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith({TestEnvironment.Starter.class, ArquillianExtension.class})
public @interface PathlightIT {}
