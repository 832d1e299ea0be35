package dev.drydock.generated.json;

/**
 * What {@code posts.metadata} (jsonb) holds: the seed's {@code { key: string }}. The generated
 * {@code PostsRecord} reads and writes it through {@link JsonbConverter}; a stored document with
 * another shape fails to read, naming the column and the JSON path.
 */
public record PostMetadata(String key) {}
