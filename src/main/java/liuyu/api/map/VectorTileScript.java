package liuyu.api.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The map page's MVT decoder, {@code @mapbox/vector-tile} 1.3.1 (with {@code @mapbox/point-geometry}), from its
 * WebJar. The package ships CommonJS modules only, so they are wrapped here, once, into one browser script that sets
 * {@code window.VectorTile}; nothing is fetched at run time and no build step is needed. {@code pbf} ships its own
 * browser build (served as the WebJar's {@code dist/pbf.js}).
 */
@RestController
public class VectorTileScript {
    static final String PATH = "/map/lib/vector-tile.js";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    /** Module name as required by the sources, and the file holding it; dependencies first. */
    private static final Map<String, String> MODULES = modules();

    private final String script = bundle();

    private static Map<String, String> modules() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("@mapbox/point-geometry", "mapbox__point-geometry/0.1.0/index.js");
        m.put("./vectortilefeature.js", "mapbox__vector-tile/1.3.1/lib/vectortilefeature.js");
        m.put("./vectortilelayer", "mapbox__vector-tile/1.3.1/lib/vectortilelayer.js");
        m.put("./vectortile", "mapbox__vector-tile/1.3.1/lib/vectortile.js");
        return m;
    }

    @GetMapping(value = PATH, produces = "text/javascript")
    public ResponseEntity<String> script() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/javascript;charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS))
                .body(script);
    }

    /** Each module becomes a function of (module, exports, require), evaluated in order; require looks up the ones before. */
    static String bundle() {
        StringBuilder js = new StringBuilder("// @mapbox/vector-tile 1.3.1 and @mapbox/point-geometry 0.1.0")
                .append(" (BSD-3-Clause, ISC; WebJars), wrapped by liuyu.api.map.VectorTileScript\n")
                .append("(function () {\n  var done = {};\n")
                .append("  function require(name) { var m = done[name] || done[name.replace(/\\.js$/, '')]")
                .append(" || done[name + '.js'];\n")
                .append("    if (!m) { throw new Error('not bundled: ' + name); } return m; }\n")
                .append("  function define(name, body) { var module = { exports: {} };")
                .append(" body(module, module.exports, require); done[name] = module.exports; }\n");
        MODULES.forEach((name, file) -> js.append("  define('")
                .append(name)
                .append("', function (module, exports, require) {\n")
                .append(read(file))
                .append("\n  });\n"));
        js.append("  window.VectorTile = { VectorTile: require('./vectortile'),")
                .append(" VectorTileFeature: require('./vectortilefeature.js') };\n})();\n");
        return js.toString();
    }

    private static String read(String file) {
        try (InputStream in = VectorTileScript.class.getClassLoader().getResourceAsStream(WEBJARS + file)) {
            if (in == null) {
                throw new IllegalStateException("WebJar file missing from the classpath: " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
