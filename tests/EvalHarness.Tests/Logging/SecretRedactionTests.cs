using EvalHarness.Logging;

namespace EvalHarness.Tests.Logging;

/// <summary>Each pattern <see cref="SecretRedaction"/> masks, what it leaves alone, and registered key values.</summary>
public sealed class SecretRedactionTests
{
    [Theory]
    [InlineData("upstream said Authorization: Bearer abc.def-123456", "upstream said Authorization: Bearer ***")]
    [InlineData("authorization=Basic dXNlcjpwYXNzd29yZA==", "authorization=Basic ***")]
    [InlineData("{\"Authorization\":\"token-1234567890\"}", "{\"Authorization\":\"***\"}")]
    [InlineData("Proxy-Authorization: Digest username-and-hash", "Proxy-Authorization: Digest ***")]
    [InlineData("the client sent Bearer eyJhbGciOi.payload.signature today", "the client sent Bearer *** today")]
    [InlineData("Incorrect API key provided: sk-abcdef123456.", "Incorrect API key provided: sk-***")]
    [InlineData("key sk-proj-R3l1ab_ility-Key0123 was rejected", "key sk-*** was rejected")]
    [InlineData("api-key: 0123456789abcdef", "api-key: ***")]
    [InlineData("GET /v1/models?x-api-key=0123456789abcdef&b=1", "GET /v1/models?x-api-key=***&b=1")]
    [InlineData("{\"api_key\": \"azure-key-value\"}", "{\"api_key\": \"***\"}")]
    [InlineData("X-Api-Key = plain-value-123", "X-Api-Key = ***")]
    [InlineData("env: OPENAI_API_KEY=plainvalue123", "env: OPENAI_API_KEY=***")]
    public void MasksEachCredentialPattern(string text, string expected)
    {
        Assert.Equal(expected, SecretRedaction.Redact(text));

        // Redacting twice changes nothing: logs may pass through several redacting layers.
        Assert.Equal(expected, SecretRedaction.Redact(expected));
    }

    [Theory]
    [InlineData("provider: { api_key_env: MY_EVAL_KEY }")]
    [InlineData("the task-manager ran the desk-top flow")]
    [InlineData("the Authorization header was missing")]
    [InlineData("No API key for the provider endpoint: set OPENAI_API_KEY")]
    [InlineData("case ask-question-1 passed (score 0.95)")]
    public void LeavesOrdinaryTextAlone(string text) => Assert.Equal(text, SecretRedaction.Redact(text));

    [Fact]
    public void MasksARegisteredValueWhateverItLooksLike()
    {
        var secret = "plain" + Guid.NewGuid().ToString("N");
        SecretRedaction.RegisterSecret(secret);

        Assert.Equal("a *** b ***c", SecretRedaction.Redact("a " + secret + " b " + secret + "c"));
    }

    [Fact]
    public void MasksALongerRegisteredValueWholeWhenItContainsAShorterOne()
    {
        var shorter = "inner" + Guid.NewGuid().ToString("N")[..10];
        var longer = "outer-" + shorter + "-tail";
        SecretRedaction.RegisterSecret(shorter);
        SecretRedaction.RegisterSecret(longer);

        Assert.Equal("value ***.", SecretRedaction.Redact("value " + longer + "."));
    }

    [Fact]
    public void IgnoresValuesTooShortToBeKeys()
    {
        SecretRedaction.RegisterSecret("abc1234");

        Assert.Equal("abc1234 stays", SecretRedaction.Redact("abc1234 stays"));
    }

    [Fact]
    public void RegistersTheValuesOfNamedVariablesAndSkipsUnsetOnes()
    {
        var value = "env-" + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string> { ["MY_SUITE_KEY"] = value };

        SecretRedaction.RegisterVariables(["MY_SUITE_KEY", "UNSET_KEY", null], name => env.GetValueOrDefault(name));

        Assert.Equal("got ***", SecretRedaction.Redact("got " + value));
    }

    [Fact]
    public void MasksAnExplicitSecretEvenWhenShort()
    {
        Assert.Equal("code *** failed", SecretRedaction.Redact("code 12ab failed", "12ab"));
        Assert.Null(SecretRedaction.Redact(null));
    }

    [Fact]
    public void KnowsTheDefaultKeyVariables() =>
        Assert.Equal(["OPENAI_API_KEY", "EVALHARNESS_JUDGE_API_KEY"], SecretRedaction.KeyVariables);

    [Fact]
    public void StripsUserInfoQueryAndFragmentFromUrls() =>
        Assert.Equal(new Uri("https://example.test/v1/"), SecretRedaction.StripCredentials(new Uri("https://user:pw@example.test/v1/?api-key=abc#frag")));
}
