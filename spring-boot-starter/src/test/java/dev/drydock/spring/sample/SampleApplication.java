package dev.drydock.spring.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Boot application using the starter: nothing configured but the data source URL. */
@SpringBootApplication
public class SampleApplication {}
