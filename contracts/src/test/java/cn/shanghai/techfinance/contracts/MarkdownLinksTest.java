package cn.shanghai.techfinance.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository carries its own documentation: no Markdown file links to a file outside the
 * repository (a {@code ../} that leaves its root, such as the {@code ../shared/} beside a
 * developer's checkout, which a bank's integrator or an operator does not have), and every
 * relative link reaches a file that exists.
 */
class MarkdownLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Build output, the local run's data, and Git's own files hold no documentation of the project. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".data", "node_modules");

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*(```|~~~).*?^\\s*\\1\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HTML = Pattern.compile("(?i)\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    @Test
    void noMarkdownFileLinksOutsideTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = markdownFiles(ROOT);
        for (Path file : files) {
            problems.addAll(problems(ROOT, file, Files.readString(file, StandardCharsets.UTF_8)));
        }

        assertThat(files).as("Markdown files found under " + ROOT).contains(ROOT.resolve("README.md"));
        assertThat(problems).withFailMessage(() -> "links to fix:\n  - " + String.join("\n  - ", problems)).isEmpty();
    }

    // ---- the checker itself ----

    @Test
    void theCheckerSeesLinksThatLeaveTheRootOrMissTheirFile(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.md"), "# guide\n");
        Path readme = root.resolve("README.md");
        String text = String.join("\n",
                "[rules](../shared/domain/subsidy-rules.md) and [guide](docs/guide.md#topics)",
                "[gone](docs/missing.md), [site](https://example.cn/x), [mail](mailto:a@b.cn), [here](#top)",
                "`[in code](../outside.md)` is no link",
                "```",
                "[in a block](../outside.md)",
                "```",
                "[ref]: ../../elsewhere/file.md",
                "<a href=\"../outside.html\">html</a>",
                "[rooted](/docs/guide.md)");

        List<String> problems = problems(root, readme, text);

        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("../shared/domain/subsidy-rules.md").contains("outside"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("docs/missing.md").contains("no such file"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("../../elsewhere/file.md").contains("outside"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("../outside.html").contains("outside"));
    }

    static List<String> problems(Path root, Path file, String markdown) {
        String text = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> problems = new ArrayList<>();
        for (Pattern link : List.of(INLINE, REFERENCE, HTML)) {
            Matcher m = link.matcher(text);
            while (m.find()) {
                check(root, file, m.group(1), problems);
            }
        }
        return problems;
    }

    private static void check(Path root, Path file, String target, List<String> problems) {
        if (target.isEmpty() || target.startsWith("#") || SCHEME.matcher(target).find()) {
            return; // an anchor in the same file, or a URL with a scheme (https:, mailto:)
        }
        String path = target.replaceAll("[#?].*$", "");
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path resolved = (path.startsWith("/") ? root.resolve(path.substring(1)) : file.getParent().resolve(path)).normalize();
        String where = root.relativize(file) + ": " + target;
        if (!resolved.startsWith(root)) {
            problems.add(where + " links outside the repository");
        } else if (!Files.exists(resolved)) {
            problems.add(where + " links to no such file");
        }
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
