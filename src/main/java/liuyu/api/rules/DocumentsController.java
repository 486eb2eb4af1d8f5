package liuyu.api.rules;

import java.util.List;
import liuyu.api.ApiProblem;
import liuyu.rules.CheckReport.Citation;
import liuyu.rules.RuleCatalogue;
import liuyu.rules.RuleFiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The documents the rules cite and the clauses quoted from them, so that a clause id met anywhere
 * (an answer, a note, a layer's citation) can be read: {@code GET /documents}, {@code GET /documents/{id}}.
 */
@RestController
public class DocumentsController {
    private final RuleCatalogue rules;

    public DocumentsController(RuleCatalogue rules) {
        this.rules = rules;
    }

    /** A document as cited: 《title》（文号）, its record from documents.yaml, and the clauses quoted from it. */
    public record DocumentView(String id, String reference, RuleFiles.Document document, List<Citation> clauses) {}

    @GetMapping("/documents")
    public List<DocumentView> documents() {
        return rules.documents().values().stream().map(this::view).toList();
    }

    @GetMapping("/documents/{id}")
    public DocumentView document(@PathVariable String id) {
        RuleFiles.Document d = rules.document(id);
        if (d == null) {
            throw ApiProblem.notFound("id", "no document with id '" + id + "'; see /documents for the list");
        }
        return view(d);
    }

    private DocumentView view(RuleFiles.Document d) {
        List<Citation> clauses = rules.clauses().values().stream()
                .filter(c -> c.document().equals(d.id()))
                .map(c -> rules.citation(c.id()))
                .toList();
        return new DocumentView(d.id(), RuleCatalogue.reference(d), d, clauses);
    }
}
