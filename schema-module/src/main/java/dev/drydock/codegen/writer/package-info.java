/**
 * jOOQ's code writer with the same output, faster on large schemas: {@link
 * dev.drydock.codegen.writer.DrydockJavaGenerator}, Drydock's default {@code <generator><name>}.
 */
package dev.drydock.codegen.writer;
