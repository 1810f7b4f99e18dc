package dev.referent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.RewriteSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 20, item 3: the service reads the rewriting options with core's one validator and answers its message. */
class RequestOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServicesNamesAreCoresPlusItsOwn() {
        assertEquals(RewriteSettings.NAMES, RequestOptions.NAMES.subList(0, RewriteSettings.NAMES.size()));
        assertEquals(RewriteOptions.defaults(), RequestOptions.fromJson(JSON.createObjectNode(), false).rewrite());
        assertEquals(RewriteOptions.defaults(), RequestOptions.fromQuery(Map.of()).rewrite());
    }

    @Test
    void badOptionsAre400WithCoresMessage() throws Exception {
        Object[][] cases = {
                {"replace", "everything"}, {"representative", 3}, {"inside_quotes", "yes"}, {"min_confidence", "0.5"},
                {"min_confidence", 1.5}, {"reflexives", List.of(true)},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            var core = assertThrows(RewriteSettings.InvalidSettingException.class,
                    () -> RewriteSettings.fromSettings(Map.of(name, c[1]), RewriteSettings.Values.TYPED));
            var http = assertThrows(HttpError.class,
                    () -> RequestOptions.fromJson(JSON.valueToTree(Map.of(name, c[1])), false));
            assertEquals(400, http.status);
            assertEquals(core.getMessage(), http.getMessage());
        }
        // an unknown name: core's hint, with the service's own names in the list
        var http = assertThrows(HttpError.class, () -> RequestOptions.fromQuery(Map.of("minConfidence", List.of("0.5"))));
        assertEquals(RewriteSettings.unknown("minConfidence", RequestOptions.NAMES, "").getMessage(), http.getMessage());
        assertEquals("unknown option 'minConfidence' (did you mean 'min_confidence'?); accepted options: replace, "
                + "representative, inside_quotes, reflexives, min_confidence, format, tokens", http.getMessage());
    }
}
