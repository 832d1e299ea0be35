package dev.drydock.diff.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The creation order of routines: dependencies first, name order otherwise, cycles noted. */
class RoutineOrderTest {

  private static final ObjectId SCHEMA = ObjectId.of(ObjectKind.SCHEMA, "public");
  private static final ObjectId ITEM = ObjectId.of(ObjectKind.TABLE, "public", "item");

  private static ObjectId function(String name) {
    return ObjectId.of(ObjectKind.FUNCTION, "public", name + "()");
  }

  private static CatalogObject routine(String name, ObjectId... dependsOn) {
    return new CatalogObject(
        function(name),
        SCHEMA,
        Map.of(),
        Map.of(
            Detail.QNAME,
            "public." + name + "()",
            Detail.DDL,
            "CREATE FUNCTION public." + name + "() RETURNS int LANGUAGE sql RETURN 1",
            Detail.DEPENDS_ON,
            CatalogObject.dependsOnDetail(List.of(dependsOn))));
  }

  private static CatalogObject table() {
    return new CatalogObject(
        ITEM, SCHEMA, Map.of(), Map.of(Detail.QNAME, "public.item", Detail.DDL, ""));
  }

  /** The script that creates every routine and table of {@code objects} in an empty database. */
  private static String script(CatalogObject... objects) {
    List<CatalogObject> all = new ArrayList<>(List.of(objects));
    Catalog expected = new Catalog(List.of("public"), all);
    Catalog actual = new Catalog(List.of("public"), List.of());
    List<Difference> missing =
        all.stream()
            .map(o -> new Difference(o.id(), ChangeKind.REMOVED, null, null, null))
            .toList();
    return new Planner(new DiffResult(missing, expected, actual), false)
        .plan()
        .planned()
        .render(new StringBuilder());
  }

  @Test
  void givenIndependentRoutines_whenPlanned_thenTheyAreCreatedInNameOrder() {
    String sql = script(routine("b"), routine("a"), routine("c"));

    assertThat(sql.indexOf("public.a()")).isLessThan(sql.indexOf("public.b()"));
    assertThat(sql.indexOf("public.b()")).isLessThan(sql.indexOf("public.c()"));
  }

  @Test
  void givenARoutineCallingALaterNamedOne_whenPlanned_thenTheCalleeComesFirst() {
    String sql = script(routine("a_outer", function("b_inner")), routine("b_inner"), routine("c"));

    assertThat(sql.indexOf("public.b_inner()")).isLessThan(sql.indexOf("public.a_outer()"));
    assertThat(sql.indexOf("public.a_outer()")).isLessThan(sql.indexOf("public.c()"));
    assertThat(sql).doesNotContain("-- MANUAL:");
  }

  @Test
  void givenARoutineNeedingATableThroughAnother_whenPlanned_thenBothComeAfterTheTable() {
    String sql = script(routine("a_calls", function("b_reads")), routine("b_reads", ITEM), table());

    assertThat(sql.indexOf("CREATE TABLE public.item")).isLessThan(sql.indexOf("public.b_reads()"));
    assertThat(sql.indexOf("public.b_reads()")).isLessThan(sql.indexOf("public.a_calls()"));
  }

  @Test
  void givenACycle_whenPlanned_thenNameOrderAndAManualNote() {
    String sql = script(routine("b", function("a")), routine("a", function("b")));

    assertThat(sql.indexOf("public.a()")).isLessThan(sql.indexOf("public.b()"));
    assertThat(sql)
        .contains(
            "-- MANUAL: function public.a(): its dependencies form a cycle; created in name order,"
                + " which may fail: create a stub first, then replace it")
        .contains("-- MANUAL: function public.b(): its dependencies form a cycle");
  }
}
