using System.Text.Json;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

public sealed class OpenAIChatClientToolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AIFunctionDeclaration GetWeather = AIFunctionFactory.CreateDeclaration(
        "get_weather",
        "Current weather for a city.",
        JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    [Fact]
    public async Task Tools_are_sent_and_tool_calls_come_back_as_function_calls()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.ToolCalls(new FakeToolCall("call_1", "get_weather", """{"city":"Lima"}""")));
        using var client = TestEndpoints.ClientFor(server);

        var response = await client.GetResponseAsync(
            "Weather in Lima?", new ChatOptions { Tools = [GetWeather], ToolMode = ChatToolMode.RequireAny }, Ct);

        var tool = Assert.Single(Assert.Single(server.Requests).GetProperty("tools")!.Value.EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Current weather for a city.", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("city", tool.GetProperty("function").GetProperty("parameters").GetProperty("required")[0].GetString());
        Assert.Equal("required", server.Requests[0].GetProperty("tool_choice")!.Value.GetString());

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Lima", call.Arguments!["city"]?.ToString());
    }

    [Fact]
    public async Task Function_calls_and_results_in_the_history_reach_the_wire()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("It is sunny in Lima."));
        using var client = TestEndpoints.ClientFor(server);

        await client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.User, "Weather in Lima?"),
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Lima" })]),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny, 24 C")]),
            ],
            new ChatOptions { Tools = [GetWeather] },
            Ct);

        var messages = Assert.Single(server.Requests).Messages;
        Assert.Equal(["user", "assistant", "tool"], messages.Select(m => m.Role).ToArray());
        var sentCall = Assert.Single(messages[1].Json.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", sentCall.GetProperty("id").GetString());
        Assert.Equal("get_weather", sentCall.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Lima", JsonDocument.Parse(sentCall.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString());
        Assert.Equal("call_1", messages[2].Json.GetProperty("tool_call_id").GetString());
        Assert.Equal("sunny, 24 C", messages[2].Content);
    }

    [Fact]
    public async Task Streamed_tool_call_fragments_are_assembled()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.ToolCalls(
            new FakeToolCall("call_a", "get_weather", """{"city":"Lima"}"""),
            new FakeToolCall("call_b", "get_weather", """{"city":"Quito"}""")));
        using var client = TestEndpoints.ClientFor(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Weather?", new ChatOptions { Tools = [GetWeather] }, Ct))
        {
            updates.Add(update);
        }

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.CallId).ToArray());
        Assert.Equal(["Lima", "Quito"], calls.Select(c => c.Arguments!["city"]?.ToString()!).ToArray());
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.ToolCalls);
    }

    [Fact]
    public async Task Invalid_tool_arguments_are_kept_with_the_parse_error()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.ToolCalls(new FakeToolCall("call_x", "get_weather", "{city: Lima")));
        using var client = TestEndpoints.ClientFor(server);

        var response = await client.GetResponseAsync("Weather?", new ChatOptions { Tools = [GetWeather] }, Ct);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.NotNull(call.Exception);
    }
}
