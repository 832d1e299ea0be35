package dev.drydock.bench.dao;

/** One row of the batch insert, the same input for every variant. */
public record NewUser(String name, String email, int age, boolean active) {}
