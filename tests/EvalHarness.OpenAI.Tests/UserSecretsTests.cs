using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

/// <summary>Keys from .NET user secrets when the environment has none; the environment always wins. Never touches the real store.</summary>
public sealed class UserSecretsTests : IDisposable
{
    private static readonly Uri RemoteUrl = new("https://models.example.invalid/v1/");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evh-secrets-" + Guid.NewGuid().ToString("N")[..12]);

    public UserSecretsTests() => Directory.CreateDirectory(_directory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SecretsPath(string id) => Path.Combine(_directory, id, "secrets.json");

    private void WriteSecrets(string id, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SecretsPath(id))!);
        File.WriteAllText(SecretsPath(id), json);
    }

    [Fact]
    public async Task TheKeyComesFromUserSecrets_WhenTheVariableIsUnset()
    {
        WriteSecrets("my-evals", "{ \"OPENAI_API_KEY\": \"sk-from-user-secrets-4242\" }");
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "m", UserSecretsId = "my-evals" };
        using var client = OpenAIChatClient.CreateForTest(options, _ => null, SecretsPath, judge: false);

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("Bearer sk-from-user-secrets-4242", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task TheEnvironmentWinsOverUserSecrets_AndTheSecretHasTheVariablesName()
    {
        WriteSecrets("my-evals", "{ \"JUDGE_KEY\": \"sk-judge-from-secrets-77\", \"OPENAI_API_KEY\": \"sk-wrong-name-00\" }");
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"), FakeReply.Text("ok"));
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "m", ApiKeyEnv = "JUDGE_KEY", UserSecretsId = "my-evals" };
        using var fromSecrets = OpenAIChatClient.CreateForTest(options, _ => null, SecretsPath, judge: true);
        using var fromEnvironment = OpenAIChatClient.CreateForTest(options, name => name == "JUDGE_KEY" ? "sk-judge-from-env-99" : null, SecretsPath, judge: true);

        await fromSecrets.GetResponseAsync("Hi", cancellationToken: Ct);
        await fromEnvironment.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal(["Bearer sk-judge-from-secrets-77", "Bearer sk-judge-from-env-99"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task TheStoreCanBeNamedByTheEnvironment_ForHostsWithoutAUserSecretsIdOfTheirOwn()
    {
        WriteSecrets("cli-evals", "{ \"OPENAI_API_KEY\": \"sk-cli-secret-31337\" }");
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "m" };
        using var client = OpenAIChatClient.CreateForTest(options, name => name == OpenAIEndpointOptions.UserSecretsIdVariable ? "cli-evals" : null, SecretsPath, judge: false);

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("Bearer sk-cli-secret-31337", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void WithNeitherVariableNorSecret_TheErrorNamesBoth()
    {
        WriteSecrets("my-evals", "{ \"OTHER\": \"x\" }");
        var options = new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "m", UserSecretsId = "my-evals" };

        var error = Assert.Throws<EndpointConfigurationException>(() => OpenAIChatClient.CreateForTest(options, _ => null, SecretsPath, judge: false));

        Assert.Equal("OPENAI_API_KEY", error.VariableName);
        Assert.Contains("is not set and the user secrets (my-evals) have no OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet user-secrets set OPENAI_API_KEY <key>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableSecretsFile_IsAConfigurationError_ThatNeverQuotesIt()
    {
        WriteSecrets("broken", "{ \"OPENAI_API_KEY\": \"sk-half-written");
        var options = new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "m", UserSecretsId = "broken" };

        var error = Assert.Throws<EndpointConfigurationException>(() => OpenAIChatClient.CreateForTest(options, _ => null, SecretsPath, judge: false));

        Assert.Contains("could not be read: it is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-half-written", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingStore_IsLikeNoSecret()
    {
        var options = new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "m", UserSecretsId = "never-created" };

        var error = Assert.Throws<EndpointConfigurationException>(() => OpenAIChatClient.CreateForTest(options, _ => null, SecretsPath, judge: false));

        Assert.Equal("OPENAI_API_KEY", error.VariableName);
    }
}
