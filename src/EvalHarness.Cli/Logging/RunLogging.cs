using EvalHarness.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EvalHarness.Cli.Logging;

/// <summary>
/// The logs of <c>evalharness run</c>: structured entries on stderr (never stdout, which <c>--json</c> keeps for its summary), at the level of
/// <c>--log-level</c> or <c>EVALHARNESS_LOG_LEVEL</c> (default warning), in the simple or JSON console format (<c>--log-format</c> or
/// <c>EVALHARNESS_LOG_FORMAT</c>), every entry redacted (<see cref="RedactingLoggerProvider"/>). When a level is asked for, the same entries
/// are also kept as JSON lines and saved as <c>log.jsonl</c> in the run's artifacts folder.
/// </summary>
internal sealed class RunLogging : IDisposable
{
    /// <summary>The log level variable.</summary>
    public const string LevelVariable = "EVALHARNESS_LOG_LEVEL";

    /// <summary>The log format variable.</summary>
    public const string FormatVariable = "EVALHARNESS_LOG_FORMAT";

    /// <summary>The name of the log in a run folder.</summary>
    public const string FileName = "log.jsonl";

    private static readonly string[] Levels = ["trace", "debug", "information", "warning", "error", "critical", "none"];

    private readonly Lazy<ServiceProvider> _services;
    private readonly string? _pendingFile;
    private bool _disposed;

    private RunLogging(Func<ServiceProvider> services, LogLevel level, string? pendingFile)
    {
        _services = new Lazy<ServiceProvider>(services, LazyThreadSafetyMode.ExecutionAndPublication);
        _pendingFile = pendingFile;
        Factory = new DeferredLoggerFactory(level, () => _services.Value.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>Where the run logs.</summary>
    public ILoggerFactory Factory { get; }

    /// <summary>Reads the settings and creates the logging, or says which setting is invalid.</summary>
    /// <param name="levelOption">The <c>--log-level</c> value, or null.</param>
    /// <param name="formatOption">The <c>--log-format</c> value, or null.</param>
    /// <param name="env">The environment.</param>
    /// <param name="error">Where entries are written (stderr).</param>
    /// <param name="artifactsDirectory">The artifacts root, where the run's log is kept until its folder exists.</param>
    /// <param name="problem">What is wrong, naming the option or variable, when this returns null.</param>
    public static RunLogging? Create(string? levelOption, string? formatOption, Func<string, string?> env, TextWriter error, string artifactsDirectory,
        out string? problem)
    {
        var levelText = NonEmpty(levelOption) ?? NonEmpty(env(LevelVariable));
        var levelSource = NonEmpty(levelOption) is null ? LevelVariable : "--log-level";
        var level = LogLevel.Warning;
        if (levelText is not null && !TryParseLevel(levelText, out level))
        {
            problem = levelSource + "='" + levelText + "' is not a log level: use " + string.Join(", ", Levels);
            return null;
        }

        var formatText = NonEmpty(formatOption) ?? NonEmpty(env(FormatVariable)) ?? ConsoleFormatterNames.Simple;
        var formatSource = NonEmpty(formatOption) is null ? FormatVariable : "--log-format";
        if (!formatText.Equals(ConsoleFormatterNames.Simple, StringComparison.OrdinalIgnoreCase) && !formatText.Equals(ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            problem = formatSource + "='" + formatText + "' is not a log format: use simple or json";
            return null;
        }

        // Keys in the environment are masked before anything can log them; suites' own key variables are added as they load.
        SecretRedaction.RegisterVariables(SecretRedaction.KeyVariables, env);

        var json = formatText.Equals(ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase);
        var colors = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && string.IsNullOrEmpty(env("NO_COLOR"));
        var pendingFile = levelText is not null && level != LogLevel.None
            ? Path.Combine(Path.GetFullPath(artifactsDirectory), "log-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8] + ".jsonl.tmp")
            : null;

        problem = null;
        return new RunLogging(() => Services(level, json, colors, error, pendingFile), level, pendingFile);
    }

    private static ServiceProvider Services(LogLevel level, bool json, bool colors, TextWriter error, string? pendingFile)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(level);
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = colors ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;
            });
            builder.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;

                // Log lines are read by people and log tools, never embedded in HTML: keep quotes and non-ASCII readable.
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        });

        // The console formatters are what the command wants; the console provider is not (it can only write to the process's console).
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(sp => new RedactingLoggerProvider(
            new FormatterLoggerProvider(Formatter(sp, json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple), error, ownsWriter: false)));
        if (pendingFile is not null)
        {
            services.AddSingleton<ILoggerProvider>(sp => new RedactingLoggerProvider(
                new FormatterLoggerProvider(Formatter(sp, ConsoleFormatterNames.Json), OpenLog(pendingFile), ownsWriter: true)));
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Stops logging and moves the run's log into <paramref name="runFolder"/> as <c>log.jsonl</c> (or drops it when there is no folder).</summary>
    public void Complete(string? runFolder)
    {
        Dispose();
        if (_pendingFile is null || !File.Exists(_pendingFile))
        {
            return;
        }

        if (runFolder is null)
        {
            File.Delete(_pendingFile);
            return;
        }

        File.Move(_pendingFile, Path.Combine(runFolder, FileName), overwrite: true);
    }

    /// <summary>Flushes and closes every sink.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_services.IsValueCreated)
            {
                _services.Value.Dispose();
            }
        }
    }

    /// <summary>Parses a level name (<c>trace</c> … <c>none</c>, any case); numbers are not accepted.</summary>
    public static bool TryParseLevel(string text, out LogLevel level)
    {
        level = LogLevel.Warning;
        var trimmed = text.Trim();
        return Array.Exists(Levels, l => l.Equals(trimmed, StringComparison.OrdinalIgnoreCase)) && Enum.TryParse(trimmed, ignoreCase: true, out level);
    }

    private static ConsoleFormatter Formatter(IServiceProvider services, string name) =>
        services.GetServices<ConsoleFormatter>().First(f => f.Name == name);

    private static StreamWriter OpenLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new StreamWriter(path, append: false);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
