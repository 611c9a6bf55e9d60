package org.pathlight.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class or method as staff-only. Without roles any signed-in staff member may call
 * it; with roles, one of them (admins always). Unauthenticated calls get 401, the wrong role 403,
 * and a cookie session's unsafe call without its CSRF token 403.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StaffOnly {
  StaffRole[] value() default {};
}
