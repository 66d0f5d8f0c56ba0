using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using Microsoft.Win32.SafeHandles;

namespace EvalHarness.Running;

/// <summary>
/// Collects a suite's finished cases by dataset position while the suite runs. The first <see cref="EvalRunOptions.SpillAfterCases"/>
/// cases stay in memory; past that every case is encoded (<see cref="CaseResultCodec"/>) into a temporary file and only its offset is
/// kept (8 bytes a case), so a run's memory stays flat however many cases its dataset has. The finished list reads the file back case by
/// case: enumerating it keeps one case in memory at a time.
/// </summary>
/// <remarks>
/// The file is deleted as soon as it is opened on Unix (it lives on through its handle) and on close on Windows, so a killed process
/// leaves nothing behind; the handle is closed when the list is collected.
/// </remarks>
internal sealed class CaseResultStore(int spillAfter, string? directory = null)
{
    private const long Missing = -1;
    private readonly Lock _lock = new();

    // Indexed by dataset position: cases finish nearly in order, so this stays dense and needs no sort.
    private readonly List<CaseResult?> _memory = [];
    private readonly List<long> _offsets = [];
    private SpillFile? _file;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Whether cases have gone to disk.</summary>
    public bool Spilled => _file is not null;

    /// <summary>Keeps the case finished at dataset position <paramref name="index"/>; safe to call from several threads at once.</summary>
    public void Add(int index, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        SpillFile file;
        lock (_lock)
        {
            if (_file is { } spilling)
            {
                file = spilling;
            }
            else
            {
                while (_memory.Count <= index)
                {
                    _memory.Add(null);
                }

                _memory[index] = result;
                if (_memory.Count <= spillAfter)
                {
                    return;
                }

                // Past the threshold: everything kept so far moves to disk once, then each case goes there as it finishes.
                _file = SpillFile.Create(directory);
                foreach (var kept in _memory)
                {
                    _offsets.Add(kept is null ? Missing : _file.Append(Encode(kept)));
                }

                _memory.Clear();
                _memory.TrimExcess();
                return;
            }
        }

        var encoded = Encode(result);
        lock (_lock)
        {
            while (_offsets.Count <= index)
            {
                _offsets.Add(Missing);
            }

            _offsets[index] = file.Append(encoded);
        }

        ReleaseLargeBuffer();
    }

    /// <summary>Every kept case in dataset order, gaps (cases that never finished) left out. Call once every <see cref="Add"/> has returned.</summary>
    public IReadOnlyList<CaseResult> Complete()
    {
        lock (_lock)
        {
            if (_file is null)
            {
                var cases = _memory.OfType<CaseResult>().ToArray();
                _memory.Clear();
                _memory.TrimExcess();
                return cases;
            }

            var offsets = _offsets.Where(o => o != Missing).ToArray();
            _offsets.Clear();
            _offsets.TrimExcess();
            return new SpilledCaseList(_file, offsets);
        }
    }

    private static ReadOnlyMemory<byte> Encode(CaseResult result)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        buffer.GetSpan(4);
        buffer.Advance(4);
        CaseResultCodec.Write(buffer, result);
        var written = System.Runtime.InteropServices.MemoryMarshal.AsMemory(buffer.WrittenMemory);
        BinaryPrimitives.WriteInt32LittleEndian(written.Span, written.Length - 4);
        return written;
    }

    // A case with a 10 MB output must not pin a 30 MB buffer to its thread for the rest of the run.
    private static void ReleaseLargeBuffer()
    {
        if (t_buffer is { Capacity: > 1 << 20 })
        {
            t_buffer = null;
        }
    }

    /// <summary>The temporary file: records of a 4-byte length and the encoded case, appended under the store's lock.</summary>
    internal sealed class SpillFile
    {
        private long _length;

        private SpillFile(SafeFileHandle handle) => Handle = handle;

        public SafeFileHandle Handle { get; }

        public static SpillFile Create(string? directory)
        {
            var path = Path.Combine(directory ?? Path.GetTempPath(), "evalharness-cases-" + Guid.NewGuid().ToString("N") + ".bin");
            var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
            if (!OperatingSystem.IsWindows())
            {
                // Unlinked at once: the data lives as long as the handle and nothing is left behind if the process is killed.
                File.Delete(path);
            }

            return new SpillFile(handle);
        }

        public long Append(ReadOnlyMemory<byte> record)
        {
            var offset = _length;
            RandomAccess.Write(Handle, record.Span, offset);
            _length += record.Length;
            return offset;
        }
    }

    /// <summary>The finished cases, read back from the spill file: by index (one read) or in order (buffered, one case at a time).</summary>
    internal sealed class SpilledCaseList(SpillFile file, long[] offsets) : IReadOnlyList<CaseResult>
    {
        private const int ChunkSize = 64 * 1024;

        public int Count => offsets.Length;

        public CaseResult this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, offsets.Length);
                Span<byte> header = stackalloc byte[4];
                ReadExactly(offsets[index], header);
                var bytes = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
                ReadExactly(offsets[index] + 4, bytes);
                return CaseResultCodec.Read(bytes);
            }
        }

        public IEnumerator<CaseResult> GetEnumerator()
        {
            // Cases were appended nearly in dataset order, so one read-ahead window serves most of them.
            var window = ArrayPool<byte>.Shared.Rent(ChunkSize);
            long windowStart = 0;
            var windowLength = 0;
            try
            {
                foreach (var offset in offsets)
                {
                    if (offset < windowStart || offset + 4 > windowStart + windowLength)
                    {
                        (windowStart, windowLength) = (offset, Fill(window, offset));
                    }

                    var length = BinaryPrimitives.ReadInt32LittleEndian(window.AsSpan((int)(offset - windowStart), 4));
                    if (offset + 4 + length > windowStart + windowLength)
                    {
                        if (4 + length > window.Length)
                        {
                            ArrayPool<byte>.Shared.Return(window);
                            window = ArrayPool<byte>.Shared.Rent(4 + length);
                        }

                        (windowStart, windowLength) = (offset, Fill(window, offset));
                        if (4 + length > windowLength)
                        {
                            throw new InvalidDataException("the spilled case file ended early");
                        }
                    }

                    yield return CaseResultCodec.Read(window.AsSpan((int)(offset - windowStart) + 4, length));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(window);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int Fill(byte[] window, long offset)
        {
            var total = 0;
            while (total < window.Length)
            {
                var read = RandomAccess.Read(file.Handle, window.AsSpan(total), offset + total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }

        private void ReadExactly(long offset, Span<byte> destination)
        {
            while (destination.Length > 0)
            {
                var read = RandomAccess.Read(file.Handle, destination, offset);
                if (read == 0)
                {
                    throw new InvalidDataException("the spilled case file ended early");
                }

                destination = destination[read..];
                offset += read;
            }
        }
    }
}
