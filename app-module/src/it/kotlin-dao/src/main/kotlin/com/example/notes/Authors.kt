package com.example.notes

import com.example.notes.db.tables.records.AuthorsRecord
import com.example.notes.db.tables.references.AUTHORS
import dev.drydock.dao.DrydockDatabase
import dev.drydock.dao.TableRepository

/** A service's data access in Kotlin, on drydock-dao's generic repository. */
class Authors(db: DrydockDatabase) {
    private val repository: TableRepository<AuthorsRecord, Long> = db.repository(AUTHORS)

    fun register(email: String, name: String): AuthorsRecord =
        repository.create(AuthorsRecord().apply {
            this.email = email
            this.name = name
        })

    fun byEmail(email: String): AuthorsRecord? =
        repository.findBy(AUTHORS.EMAIL, email).orElse(null)

    fun rename(author: AuthorsRecord, name: String): AuthorsRecord =
        repository.update(author.apply { this.name = name })
}
