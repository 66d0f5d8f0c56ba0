using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EvalHarness.Judging;

/// <summary>
/// Picks a deterministic fraction of cases by case id, as production "online evaluation" rules do: a case's position is the first 8 bytes
/// of SHA-256 over its UTF-8 id, read big-endian, divided by 2^64; the case is sampled when its position is below the rate.
/// </summary>
/// <remarks>
/// The same case is sampled on every run and machine, and the choice is nested: every case sampled at 0.1 is sampled at 0.25 too.
/// Every metric with the same rate samples the same cases, so the judged cases can be compared across metrics and runs.
/// </remarks>
public static class CaseSampler
{
    /// <summary>The case's position in [0, 1).</summary>
    public static double Position(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(caseId), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) / 18446744073709551616.0;
    }

    /// <summary>Whether the case is judged at <paramref name="rate"/> (1 or more: every case; 0: none).</summary>
    public static bool IsSampled(string caseId, double rate) => rate >= 1 || (rate > 0 && Position(caseId) < rate);
}
