package com.example.notes

import com.example.notes.db.tables.records.NotesRecord
import com.example.notes.db.tables.references.NOTES
import dev.drydock.dao.DrydockDatabase
import dev.drydock.dao.TableRepository
import dev.drydock.dao.error.ConflictException
import dev.drydock.dao.error.NotFoundException
import dev.drydock.dao.error.StaleVersionException
import dev.drydock.provider.ProviderKind
import dev.drydock.provider.ProviderSettings
import dev.drydock.provider.ThrowawayDatabase
import org.flywaydb.core.Flyway
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test

/** drydock-dao from Kotlin, on classes jOOQ's KotlinGenerator wrote, on a real PostgreSQL. */
class AuthorsTest {

    companion object {
        private lateinit var server: ThrowawayDatabase
        private lateinit var db: DrydockDatabase

        @JvmStatic
        @BeforeAll
        fun start() {
            server = ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())
            Flyway.configure().dataSource(server.dataSource()).load().migrate()
            db = DrydockDatabase.configure().dataSource(server.dataSource()).build()
        }

        @JvmStatic
        @AfterAll
        fun stop() = server.close()
    }

    @Test
    fun `create returns the row with its identity and version, and finds it by a unique column`() {
        val authors = Authors(db)
        val ada = authors.register("ada@example.com", "Ada")
        assertNotNull(ada.id)
        assertEquals(0, ada.lockVersion)
        assertNull(ada.bio)
        assertEquals(ada, authors.byEmail("ada@example.com"))
        assertNull(authors.byEmail("nobody@example.com"))
    }

    @Test
    fun `update is optimistic, a stale record is refused and told apart`() {
        val authors = Authors(db)
        val read = authors.register("grace@example.com", "Grace")
        val renamed = authors.rename(authors.byEmail("grace@example.com")!!, "Grace H.")
        assertEquals(1, renamed.lockVersion)
        assertNotNull(renamed.updatedAt)
        val stale = assertThrows(StaleVersionException::class.java) { authors.rename(read, "G.") }
        assertEquals(0L, stale.expectedVersion())
        assertEquals("Grace H.", authors.byEmail("grace@example.com")?.name)
    }

    @Test
    fun `a duplicate key is a ConflictException naming the constraint`() {
        val authors = Authors(db)
        authors.register("dup@example.com", "One")
        val conflict = assertThrows(ConflictException::class.java) { authors.register("dup@example.com", "Two") }
        assertEquals("23505", conflict.sqlState().orElse(null))
        assertEquals("authors_email_key", conflict.constraint().orElse(null))
    }

    @Test
    fun `a missing referenced row is a NotFoundException`() {
        val notes: TableRepository<NotesRecord, Long> = db.repository(NOTES)
        val missing = assertThrows(NotFoundException::class.java) {
            notes.create(NotesRecord().apply { authorId = 999_999L; body = "orphan" })
        }
        assertEquals("23503", missing.sqlState().orElse(null))
    }
}
