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
/// leaves nothing behind; the handle is closed when the list is collected. If the file cannot be created or written (a full or
/// read-only disk), the cases that could not be written stay in memory instead: nothing is lost, and <see cref="SpillError"/> says why.
/// </remarks>
internal sealed class CaseResultStore
{
    private const long Missing = -1;
    private const long InMemory = -2;
    private readonly Lock _lock = new();
    private readonly int _spillAfter;
    private readonly Func<SpillFile> _createFile;

    // Indexed by dataset position: cases finish nearly in order, so this stays dense and needs no sort.
    private readonly List<CaseResult?> _memory = [];
    private readonly List<long> _offsets = [];
    private readonly Dictionary<int, CaseResult> _unwritten = [];
    private SpillFile? _file;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Creates a store that spills into a new file in <paramref name="directory"/> (the temporary folder when null).</summary>
    public CaseResultStore(int spillAfter, string? directory = null)
        : this(spillAfter, () => SpillFile.Create(directory))
    {
    }

    /// <summary>Creates a store that spills into the file <paramref name="createFile"/> returns.</summary>
    internal CaseResultStore(int spillAfter, Func<SpillFile> createFile)
    {
        _spillAfter = spillAfter;
        _createFile = createFile;
    }

    /// <summary>Whether cases have gone to disk.</summary>
    public bool Spilled => _file is not null;

    /// <summary>Why spilling stopped (cases from then on were kept in memory), or null.</summary>
    public string? SpillError { get; private set; }

    /// <summary>Keeps the case finished at dataset position <paramref name="index"/>; safe to call from several threads at once.</summary>
    public void Add(int index, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            if (_file is null || SpillError is not null)
            {
                AddUnspilled(index, result);
                return;
            }
        }

        var encoded = Encode(result);
        lock (_lock)
        {
            Grow(index);
            Write(index, result, encoded);
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

            var offsets = new List<long>(_offsets.Count);
            var unwritten = new Dictionary<int, CaseResult>();
            for (var i = 0; i < _offsets.Count; i++)
            {
                if (_offsets[i] == InMemory)
                {
                    unwritten[offsets.Count] = _unwritten[i];
                }

                if (_offsets[i] != Missing)
                {
                    offsets.Add(_offsets[i]);
                }
            }

            _offsets.Clear();
            _offsets.TrimExcess();
            _unwritten.Clear();
            return new SpilledCaseList(_file, offsets.ToArray(), unwritten);
        }
    }

    // Under the lock, before the file exists (or after it failed).
    private void AddUnspilled(int index, CaseResult result)
    {
        if (_file is not null)
        {
            // Spilling failed part-way: this case stays in memory beside the written ones.
            Grow(index);
            _offsets[index] = InMemory;
            _unwritten[index] = result;
            return;
        }

        while (_memory.Count <= index)
        {
            _memory.Add(null);
        }

        _memory[index] = result;
        if (_memory.Count <= _spillAfter || SpillError is not null)
        {
            return;
        }

        try
        {
            _file = _createFile();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SpillError = "cannot create a file for spilled cases: " + ex.Message;
            return;
        }

        // Past the threshold: everything kept so far moves to disk once, then each case goes there as it finishes.
        Grow(_memory.Count - 1);
        for (var i = 0; i < _memory.Count; i++)
        {
            if (_memory[i] is { } kept)
            {
                Write(i, kept, Encode(kept));
            }
        }

        _memory.Clear();
        _memory.TrimExcess();
    }

    // Under the lock: appends the case, or keeps it in memory when the file cannot take it.
    private void Write(int index, CaseResult result, ReadOnlyMemory<byte> encoded)
    {
        if (_file is { } file && SpillError is null)
        {
            try
            {
                _offsets[index] = file.Append(encoded);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                SpillError = "cannot write spilled cases: " + ex.Message;
            }
        }

        _offsets[index] = InMemory;
        _unwritten[index] = result;
    }

    private void Grow(int index)
    {
        while (_offsets.Count <= index)
        {
            _offsets.Add(Missing);
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
        private readonly long _capacity;
        private long _length;

        /// <summary>Wraps an open read-write handle; <paramref name="capacity"/> stands in for a disk that fills up (tests).</summary>
        internal SpillFile(SafeFileHandle handle, long capacity = long.MaxValue) => (Handle, _capacity) = (handle, capacity);

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
            if (offset + record.Length > _capacity)
            {
                throw new IOException("No space left on device (" + _capacity + " bytes)");
            }

            RandomAccess.Write(Handle, record.Span, offset);
            _length += record.Length;
            return offset;
        }
    }

    /// <summary>The finished cases, read back from the spill file: by index (one read) or in order (buffered, one case at a time).</summary>
    internal sealed class SpilledCaseList(SpillFile file, long[] offsets, Dictionary<int, CaseResult> unwritten) : IReadOnlyList<CaseResult>
    {
        private const int ChunkSize = 64 * 1024;

        public int Count => offsets.Length;

        public CaseResult this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, offsets.Length);
                if (offsets[index] == InMemory)
                {
                    return unwritten[index];
                }

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
                for (var position = 0; position < offsets.Length; position++)
                {
                    var offset = offsets[position];
                    if (offset == InMemory)
                    {
                        yield return unwritten[position];
                        continue;
                    }

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
