namespace EvalHarness.Judging;

/// <summary>How the judge is asked for its JSON answer.</summary>
public enum JudgeOutputMode
{
    /// <summary>JSON mode (<c>response_format: json_object</c>); the prompt describes the object. Widest support (OpenAI, Azure, Ollama, vLLM, llama.cpp).</summary>
    Json,

    /// <summary>Structured output (<c>response_format: json_schema</c>) with the metric's schema; for endpoints that support it.</summary>
    JsonSchema,

    /// <summary>No response format is sent; only the prompt asks for JSON (for endpoints that reject <c>response_format</c>).</summary>
    Text,
}
