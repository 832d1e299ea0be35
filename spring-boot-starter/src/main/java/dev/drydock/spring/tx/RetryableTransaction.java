package dev.drydock.spring.tx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method (or every public method of the annotated class) as one transaction that
 * is run again on retryable errors, with the {@code drydock.retry.*} policy: the method is called
 * through the {@link RetryingTransactionTemplate} bean. Use it instead of {@code @Transactional} on
 * the outermost unit (a {@code @Transactional} on the same method, or on methods it calls, joins
 * the retried transaction). The method rolls back on any exception, checked ones included. Works on
 * Spring beans called through their proxy, like {@code @Transactional}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetryableTransaction {}
