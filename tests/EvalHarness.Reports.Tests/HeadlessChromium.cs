using System.Diagnostics;

namespace EvalHarness.Reports.Tests;

/// <summary>Runs Debian's Chromium headless on a local file: the DOM after scripts ran, console messages, or a screenshot.</summary>
internal sealed class HeadlessChromium(string executable)
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public string Executable { get; } = executable;

    /// <summary>The browser named by <c>EVALHARNESS_CHROMIUM</c>, else the first one installed, or null.</summary>
    public static HeadlessChromium? Find()
    {
        var configured = Environment.GetEnvironmentVariable("EVALHARNESS_CHROMIUM");
        var path = !string.IsNullOrWhiteSpace(configured) ? configured : Candidates.FirstOrDefault(File.Exists);
        return path is not null && File.Exists(path) ? new HeadlessChromium(path) : null;
    }

    /// <summary>Finds the browser, or skips the test (fails it when <c>CI</c> is set: CI must run the browser checks).</summary>
    public static HeadlessChromium Require()
    {
        if (Find() is { } chromium)
        {
            return chromium;
        }

        const string reason = "Chromium is not installed (apt-get install chromium, or set EVALHARNESS_CHROMIUM to a Chromium or Chrome binary)";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(reason + "; CI is set, so the browser checks may not be skipped");
        }

        Assert.Skip(reason);
        return null!;
    }

    /// <summary>The serialised DOM once the page has loaded and its scripts have run, and the browser's log (console messages included).</summary>
    public async Task<(string Dom, string Log)> DumpDomAsync(string htmlFile, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = await RunAsync(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom", new Uri(htmlFile).AbsoluteUri],
            cancellationToken);
        return (stdout, stderr);
    }

    /// <summary>Takes a screenshot of the top <paramref name="height"/> pixels of the page.</summary>
    public async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height, CancellationToken cancellationToken) =>
        await RunAsync(["--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=" + width + "," + height, "--virtual-time-budget=3000",
            "--screenshot=" + pngFile, new Uri(htmlFile).AbsoluteUri], cancellationToken);

    private async Task<(string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var profile = Path.Combine(Path.GetTempPath(), "evh-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A fresh profile, no sandbox (containers run as root), nothing that reaches the network.
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Executable);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // The browser may still hold a lock file for a moment; a leftover temp profile is harmless.
            }
        }
    }
}
