using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EvalHarness.Running;

/// <summary>
/// A deterministic slice of cases, from <c>EVALHARNESS_SHARD=i/n</c> (1-based: <c>1/4</c> … <c>4/4</c>). A case belongs to a shard by
/// a hash of its id, so adding or removing cases never moves the other cases between shards.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>Parses <c>i/n</c>.</summary>
    /// <exception cref="ArgumentException">Not of the form i/n with 1 ≤ i ≤ n.</exception>
    public static Shard Parse(string value)
    {
        var parts = value.Split('/');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) &&
            count >= 1 && index >= 1 && index <= count)
        {
            return new Shard(index, count);
        }

        throw new ArgumentException("EVALHARNESS_SHARD='" + value + "' is not a shard; use i/n with 1 <= i <= n, for example 2/4", nameof(value));
    }

    /// <summary>True when the case with <paramref name="caseId"/> belongs to this shard.</summary>
    public bool Includes(string caseId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(caseId), hash);
        var bucket = BitConverter.ToUInt64(hash[..8]) % (ulong)Count;
        return bucket == (ulong)(Index - 1);
    }

    /// <inheritdoc />
    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}
