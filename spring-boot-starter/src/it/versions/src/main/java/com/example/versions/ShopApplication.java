package com.example.versions;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The service: Boot's Flyway, Boot's jOOQ and the Drydock starter, configured by a URL only. */
@SpringBootApplication
public class ShopApplication {}
