using EvalHarness.Logging;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Tests.Logging;

/// <summary>What a provider behind <see cref="RedactingLoggerProvider"/> receives: messages, named values, exceptions and scopes, all redacted.</summary>
public sealed class RedactingLoggerProviderTests
{
    private const string Key = "sk-proj-LoggerTestKey0123456789abcdefXYZ";

    private static readonly Action<ILogger, string, int, Uri, Exception?> Called = LoggerMessage.Define<string, int, Uri>(
        LogLevel.Warning, new EventId(42, "Called"), "Endpoint answered {Answer} after {Attempts} attempt(s) at {Endpoint}");

    [Fact]
    public void RedactsTheMessageAndEveryStringStateValueAndKeepsOtherTypes()
    {
        var (factory, capture) = Create();
        using (factory)
        {
            Called(factory.CreateLogger("test"), "header Authorization: Bearer " + Key, 3, new Uri("http://127.0.0.1:1/v1/?api-key=" + Key), null);
        }

        var entry = Assert.Single(capture.Entries);
        Assert.Equal(42, entry.EventId);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("header Authorization: Bearer ***", entry["Answer"]);
        Assert.Equal(3, entry["Attempts"]);
        Assert.Equal("http://127.0.0.1:1/v1/?api-key=***", entry["Endpoint"]);
        Assert.Equal("Endpoint answered header Authorization: Bearer *** after 3 attempt(s) at http://127.0.0.1:1/v1/?api-key=***", entry.Message);
        Assert.Equal("Endpoint answered {Answer} after {Attempts} attempt(s) at {Endpoint}", entry["{OriginalFormat}"]);
        AssertNoKey(entry);
    }

    [Fact]
    public void RedactsExceptionMessagesInnerExceptionsAndKeepsTheStackTrace()
    {
        var (factory, capture) = Create();
        using (factory)
        {
            Called(factory.CreateLogger("test"), "failed", 1, new Uri("http://127.0.0.1:1/"), Thrown());
        }

        var entry = Assert.Single(capture.Entries);
        Assert.Equal("request failed for key sk-***", entry.ExceptionMessage);
        Assert.Contains("InvalidOperationException", entry.ExceptionText, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer ***", entry.ExceptionText, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), entry.ExceptionText, StringComparison.Ordinal);
        AssertNoKey(entry);
    }

    [Fact]
    public void RedactsScopes()
    {
        var (factory, capture) = Create();
        using (factory)
        {
            var logger = factory.CreateLogger("test");
            using (logger.BeginScope("calling with Bearer " + Key))
            using (logger.BeginScope(new Dictionary<string, object?> { ["api-key"] = "api-key=" + Key }))
            {
                Called(logger, "ok", 1, new Uri("http://127.0.0.1:1/"), null);
            }
        }

        var entry = Assert.Single(capture.Entries);
        Assert.Equal(2, entry.Scopes.Count);
        Assert.Contains("calling with Bearer ***", entry.Scopes[0], StringComparison.Ordinal);
        Assert.Contains("api-key=***", entry.Scopes[1], StringComparison.Ordinal);
        AssertNoKey(entry);
    }

    [Fact]
    public void LeavesLevelsToTheFactoryAndTheInnerProvider()
    {
        var capture = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error).AddProvider(new RedactingLoggerProvider(capture))))
        {
            var logger = factory.CreateLogger("test");
            Assert.False(logger.IsEnabled(LogLevel.Warning));
            Called(logger, "dropped", 1, new Uri("http://127.0.0.1:1/"), null);
        }

        Assert.Empty(capture.Entries);
    }

    private static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("request failed for key " + Key, new IOException("upstream echoed Authorization: Bearer " + Key));
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    private static (ILoggerFactory Factory, CapturingLoggerProvider Capture) Create()
    {
        var capture = new CapturingLoggerProvider();
        return (LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RedactingLoggerProvider(capture))), capture);
    }

    private static void AssertNoKey(CapturedEntry entry)
    {
        Assert.DoesNotContain(Key, entry.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..16], entry.AllText, StringComparison.Ordinal);
    }
}
