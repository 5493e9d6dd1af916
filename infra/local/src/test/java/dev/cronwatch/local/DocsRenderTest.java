package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Markdown file a reader opens on GitHub, rendered as CommonMark with GFM tables: a heading
 * the source has must come out as a heading (a code block left open by a malformed fence swallows
 * every section after it), and a relative link or image must point at a file that exists.
 */
class DocsRenderTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    /** What a reader skimming the source takes for a heading: an ATX heading line outside a fence. */
    static final Pattern HEADING_LINE = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
    static final Pattern FENCE_LINE = Pattern.compile("^ {0,3}(```|~~~)");
    static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    static Stream<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")));
        for (String folder : List.of("docs", "infra")) {
            try (Stream<Path> listed = Files.list(ROOT.resolve(folder))) {
                listed.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyHeadingOfTheSourceIsAHeadingOfTheRenderedPage(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> rendered = headings(PARSER.parse(String.join("\n", lines)));
        List<String> missing = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // the naive reading on purpose: any fence line opens or closes, text after it or not
            if (FENCE_LINE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING_LINE.matcher(line);
            if (inFence || !heading.matches()) continue;
            // the line alone, parsed, gives the heading's text as the renderer writes it (no backticks)
            String expected = headings(PARSER.parse(line.strip())).get(0);
            if (!rendered.remove(expected)) missing.add("line " + (i + 1) + ": " + line);
        }
        assertThat(missing).as("%s: headings in the source that do not render as headings", ROOT.relativize(file))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyRelativeLinkAndImagePointsAtAFile(Path file) throws IOException {
        Node document = PARSER.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> broken = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                check(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                check(image.getDestination());
                visitChildren(image);
            }

            void check(String destination) {
                if (destination.isEmpty() || destination.startsWith("#") || destination.startsWith("//")
                        || SCHEME.matcher(destination).find()) {
                    return;
                }
                String path = URLDecoder.decode(destination.replaceAll("[#?].*$", ""), StandardCharsets.UTF_8);
                Path target = path.startsWith("/") ? ROOT.resolve(path.substring(1)) : file.getParent().resolve(path);
                if (!Files.exists(target.normalize())) broken.add(destination);
            }
        });
        assertThat(broken).as("%s: relative links and images to nothing", ROOT.relativize(file)).isEmpty();
    }

    /** Each heading as "## text", in document order. */
    static List<String> headings(Node document) {
        List<String> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                headings.add("#".repeat(heading.getLevel()) + " " + text);
            }
        });
        return headings;
    }
}
