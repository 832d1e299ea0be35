/**
 * {@code drydock doctor}: whether this machine can run what Drydock needs (Java, the throwaway
 * provider {@code auto} picks, the embedded PostgreSQL, temporary space, the cache, Maven's
 * settings), one {@link dev.drydock.doctor.Diagnosis} per question.
 */
package dev.drydock.doctor;
