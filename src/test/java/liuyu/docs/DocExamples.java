package liuyu.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a Markdown page: every command line of its {@code sh} blocks, with what the page shows it
 * answers. The page's conventions (docs/README.md, "Examples that run"):
 * <ul>
 * <li>a comment line right after a command that starts with <code>{</code> or <code>[{</code> is the answer it gives
 *     (JSON, {@code …} for what is left out); so is a {@code json} block right after the {@code sh} block, for
 *     the block's last command;</li>
 * <li>a comment line <code>#   Name: value</code> after a {@code curl -i} is a header of the answer;</li>
 * <li><code>&lt;!-- example: not run — why --&gt;</code> just before a block leaves the block out, saying why.</li>
 * </ul>
 */
final class DocExamples {
    private DocExamples() {}

    /** One command line of a page. */
    record Command(String page, int line, List<String> words, String stdin, List<String> comments, String json) {
        String where() {
            return page + ":" + line;
        }

        /** The answer shown: the JSON comment after the command, else the json block after its sh block. */
        String expectedJson() {
            for (String c : comments) {
                if (c.strip().startsWith("{") || c.strip().startsWith("[{")) {
                    return c.strip();
                }
            }
            return json;
        }
    }

    /** A block left out, with the reason the page gives. */
    record Skipped(String page, int line, String reason) {}

    record Page(List<Command> commands, List<Skipped> skipped) {}

    static Page read(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Command> commands = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        String directive = null;
        int k = 0;
        while (k < lines.size()) {
            String line = lines.get(k).strip();
            if (line.startsWith("<!-- example:")) {
                directive = line.substring("<!-- example:".length())
                        .replace("-->", "")
                        .strip();
                k++;
                continue;
            }
            if (!line.startsWith("```")) {
                if (!line.isEmpty()) {
                    directive = null;
                }
                k++;
                continue;
            }
            String info = line.substring(3).strip();
            int start = k + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                end++;
            }
            String body = String.join("\n", lines.subList(start, Math.min(end, lines.size())));
            if (info.equals("sh") || info.equals("bash") || info.equals("shell")) {
                if (directive != null && directive.startsWith("not run")) {
                    skipped.add(new Skipped(name, start, directive));
                } else {
                    List<Command> block = parse(name, start + 1, body);
                    // a json block right after the sh block is the answer of its last command
                    int next = end + 1;
                    while (next < lines.size() && lines.get(next).isBlank()) {
                        next++;
                    }
                    if (!block.isEmpty()
                            && next < lines.size()
                            && lines.get(next).strip().equals("```json")) {
                        int jsonEnd = next + 1;
                        while (jsonEnd < lines.size()
                                && !lines.get(jsonEnd).strip().startsWith("```")) {
                            jsonEnd++;
                        }
                        Command last = block.remove(block.size() - 1);
                        block.add(new Command(
                                last.page(),
                                last.line(),
                                last.words(),
                                last.stdin(),
                                last.comments(),
                                String.join("\n", lines.subList(next + 1, jsonEnd))));
                    }
                    commands.addAll(block);
                }
            }
            directive = null;
            k = end + 1;
        }
        return new Page(commands, skipped);
    }

    /**
     * The command lines of a shell block: words as the shell splits them (single and double quotes, backslash
     * continuations, comments), here-documents as standard input. Nothing is expanded.
     */
    static List<Command> parse(String page, int firstLine, String text) {
        List<Command> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        String heredoc = null;
        int line = firstLine;
        int commandLine = firstLine;
        int i = 0;
        while (i <= text.length()) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                String stdin = null;
                i++;
                line++;
                if (heredoc != null) {
                    StringBuilder doc = new StringBuilder();
                    while (i < text.length()) {
                        int eol = text.indexOf('\n', i);
                        String l = text.substring(i, eol < 0 ? text.length() : eol);
                        i = eol < 0 ? text.length() : eol + 1;
                        line++;
                        if (l.equals(heredoc)) {
                            break;
                        }
                        doc.append(l).append('\n');
                    }
                    stdin = doc.toString();
                    heredoc = null;
                }
                if (!words.isEmpty()) {
                    out.add(new Command(page, commandLine, List.copyOf(words), stdin, new ArrayList<>(), null));
                    words.clear();
                }
                commandLine = line;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (c == '#' && word == null) {
                int eol = text.indexOf('\n', i);
                if (words.isEmpty() && !out.isEmpty()) {
                    out.get(out.size() - 1)
                            .comments()
                            .add(text.substring(i + 1, eol < 0 ? text.length() : eol)
                                    .stripTrailing());
                }
                i = eol < 0 ? text.length() : eol;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\\') {
                char n = i + 1 < text.length() ? text.charAt(i + 1) : '\n';
                if (n == '\n') {
                    line++;
                    if (word.isEmpty()) {
                        word = null;
                    }
                } else {
                    word.append(n);
                }
                i += 2;
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                String quoted = text.substring(i + 1, close);
                line += quoted.chars().filter(ch -> ch == '\n').count();
                word.append(quoted);
                i = close + 1;
            } else if (c == '"') {
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                    word.append(text.charAt(i++));
                }
                i++;
            } else if (c == '<' && text.startsWith("<<", i) && word.isEmpty()) {
                int eow = i + 2;
                while (eow < text.length() && !Character.isWhitespace(text.charAt(eow))) {
                    eow++;
                }
                heredoc = text.substring(i + 2, eow)
                        .replace("'", "")
                        .replace("\"", "")
                        .replace("-", "");
                word = null;
                i = eow;
            } else {
                word.append(c);
                i++;
            }
        }
        return out;
    }
}
