package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdIndexTest {
  private static final String[] PARTS = {"/subscriptions/", "AAAA-1", "aaaa-1", "/resourceGroups/", "/resourcegroups/",
      "rg-A", "rg-a", "rg-ä", "/providers/", "Microsoft.Sql/servers/", "microsoft.sql/servers/", "sql", "SQL", "-dr",
      "/databases/", "db", "1", "2", "İ", "i̇", "", "/"};

  @Test
  void sortsAsCompareIgnoringCaseOrdersAndFindsEveryKey() {
    Random random = new Random(7);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      StringBuilder id = new StringBuilder();
      for (int p = 0, n = 1 + random.nextInt(9); p < n; p++) {
        id.append(PARTS[random.nextInt(PARTS.length)]);
      }
      ids.add(id.toString());
    }
    String[] keys = ids.toArray(new String[0]);
    int[] order = new int[keys.length];
    Arrays.setAll(order, i -> i);
    String[] folded = IdIndex.sort(keys, order);
    for (int i = 1; i < order.length; i++) {
      String before = keys[order[i - 1]];
      String after = keys[order[i]];
      int compared = ResourceIds.compareIgnoringCase(before, after);
      assertTrue(compared <= 0, before + " sorted before " + after);
      assertEquals(compared == 0, IdIndex.sameKey(folded[order[i - 1]], folded[order[i]]), before + " / " + after);
    }
  }
}
