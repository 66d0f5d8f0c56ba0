namespace EvalHarness.Merging;

/// <summary>Runs that cannot be merged into one: a missing or repeated shard, a case in two shards, or shards of different suite versions.</summary>
/// <remarks>The message names the suite, the shards and the run ids involved, and what to do about it.</remarks>
public sealed class RunMergeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunMergeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunMergeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunMergeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
