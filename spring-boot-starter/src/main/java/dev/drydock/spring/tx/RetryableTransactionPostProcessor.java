package dev.drydock.spring.tx;

import java.lang.reflect.UndeclaredThrowableException;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Proxies beans with {@link RetryableTransaction} methods (plain Spring AOP proxies, no AspectJ):
 * each call goes through {@link RetryingTransactionTemplate#execute}. The advice comes before any
 * other (e.g. {@code @Transactional}'s), so the retry owns the transaction.
 */
public final class RetryableTransactionPostProcessor
    extends AbstractBeanFactoryAwareAdvisingPostProcessor {

  private static final long serialVersionUID = 1L;

  /** {@code template} is looked up at the first call, not while beans are being created. */
  public RetryableTransactionPostProcessor(ObjectProvider<RetryingTransactionTemplate> template) {
    Pointcut pointcut =
        new ComposablePointcut(new AnnotationMatchingPointcut(RetryableTransaction.class, true))
            .union(new AnnotationMatchingPointcut(null, RetryableTransaction.class, true));
    MethodInterceptor interceptor =
        invocation -> {
          try {
            return template
                .getObject()
                .execute(
                    status -> {
                      try {
                        return invocation.proceed();
                      } catch (RuntimeException | Error e) {
                        throw e;
                      } catch (Throwable checked) {
                        throw new CheckedFailure(checked);
                      }
                    });
          } catch (CheckedFailure e) {
            throw e.getCause();
          }
        };
    this.advisor = new DefaultPointcutAdvisor(pointcut, interceptor);
    setBeforeExistingAdvisors(true);
  }

  /** Carries a checked exception of the method through the transaction template. */
  private static final class CheckedFailure extends UndeclaredThrowableException {
    private static final long serialVersionUID = 1L;

    CheckedFailure(Throwable cause) {
      super(cause);
    }
  }
}
