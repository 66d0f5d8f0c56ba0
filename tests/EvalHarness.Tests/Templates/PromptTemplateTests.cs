using System.Text.Json.Nodes;
using EvalHarness.Suites;
using EvalHarness.Templates;

namespace EvalHarness.Tests.Templates;

public sealed class PromptTemplateTests
{
    private static readonly EvalCase Case = new("c1", "How do refunds work?", expected: "Within 30 days.", context: ["Refunds: 30 days.", "Plans: Pro."],
        vars: new JsonObject { ["tone"] = "friendly", ["limits"] = new JsonObject { ["words"] = 50 } }, metadata: new JsonObject { ["lang"] = "en" },
        source: new SourceLocation("datasets/d.jsonl", 7, 1));

    [Fact]
    public void RendersEveryPlaceholderKind()
    {
        var errors = new List<ConfigError>();
        var template = PromptTemplate.Parse("[{{id}}] Q: {{ input }}\nCtx:\n{{context}}\nTone {{vars.tone}}, max {{vars.limits.words}} words, {{metadata.lang}}. Ref {{expected}}",
            "p.txt", 1, "target.prompt", errors);

        Assert.Empty(errors);
        Assert.Equal("[c1] Q: How do refunds work?\nCtx:\nRefunds: 30 days.\n\nPlans: Pro.\nTone friendly, max 50 words, en. Ref Within 30 days.", template.Render(Case));
    }

    [Fact]
    public void UnknownPlaceholderIsALoadTimeErrorAtItsLineAndColumn()
    {
        var errors = new List<ConfigError>();
        PromptTemplate.Parse("line one\n  answer {{question}} now", "eval-suites/x/prompts/p.txt", 1, "target.prompt", errors);

        Assert.Equal(
            "eval-suites/x/prompts/p.txt(2,10): error EVH014: target.prompt: unknown placeholder '{{question}}'; use input, expected, context, id, vars.<name> or metadata.<name>",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void MissingVarIsACaseErrorNamingTheCaseAndLine()
    {
        var template = PromptTemplate.Parse("{{vars.missing}}", "p.txt", 1, "target.prompt", new List<ConfigError>());

        var ex = Assert.Throws<TemplateRenderException>(() => template.Render(Case));
        Assert.Equal("the prompt uses {{vars.missing}} but case 'c1' (datasets/d.jsonl(7,1)) has no such value", ex.Message);
    }

    [Fact]
    public void TextWithoutPlaceholdersIsUnchanged()
    {
        var template = PromptTemplate.Parse("just { braces } and {{ }}", "p.txt", 1, "target.prompt", new List<ConfigError>());
        Assert.Equal("just { braces } and {{ }}", template.Render(Case));
    }
}
