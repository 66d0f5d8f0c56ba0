using EvalHarness.Running;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EvalHarness.Telemetry;

/// <summary>
/// Exports the <c>EvalHarness</c> activities and metrics over OTLP for the length of a run. Switched on only by
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (protocol from <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>http/protobuf</c>, the default, or
/// <c>grpc</c>; service name from <c>OTEL_SERVICE_NAME</c>, default <c>evalharness</c>); disposing flushes what is buffered.
/// </summary>
public sealed class OtlpExport : IDisposable
{
    /// <summary>The variable that switches export on.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    private OtlpExport(TracerProvider tracer, MeterProvider meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    /// <summary>Starts exporting when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; returns null (and exports nothing) otherwise.</summary>
    /// <remarks>An endpoint that is not an absolute http(s) URL is reported on standard error and ignored: telemetry never stops a run.</remarks>
    public static OtlpExport? FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Console.Error.WriteLine("warning: " + EndpointVariable + "='" + endpoint + "' is not an http(s) URL; OpenTelemetry export is off for this run");
            return null;
        }

        var grpc = string.Equals(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL")?.Trim(), "grpc", StringComparison.OrdinalIgnoreCase);
        return Start(uri, grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME"));
    }

    /// <summary>Starts exporting to <paramref name="endpoint"/> (the base URL: <c>/v1/traces</c> and <c>/v1/metrics</c> are appended for HTTP).</summary>
    internal static OtlpExport Start(Uri endpoint, OtlpExportProtocol protocol, string? serviceName = null)
    {
        var resource = ResourceBuilder.CreateEmpty().AddService(string.IsNullOrWhiteSpace(serviceName) ? "evalharness" : serviceName, serviceVersion: Provenance.HarnessVersion);
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(EvalTelemetry.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.Endpoint = SignalEndpoint(endpoint, protocol, "v1/traces");
            })
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(EvalTelemetry.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.Endpoint = SignalEndpoint(endpoint, protocol, "v1/metrics");
            })
            .Build();
        return new OtlpExport(tracer, meter);
    }

    /// <summary>Flushes buffered spans and metrics and stops exporting.</summary>
    public void Dispose()
    {
        _tracer.ForceFlush();
        _meter.ForceFlush();
        _tracer.Dispose();
        _meter.Dispose();
    }

    // An endpoint set in code is used verbatim by the exporter, so the per-signal path the OTLP spec derives from the base URL is added here.
    private static Uri SignalEndpoint(Uri endpoint, OtlpExportProtocol protocol, string path) =>
        protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + path);
}
