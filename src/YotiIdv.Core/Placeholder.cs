namespace YotiIdv;
internal static class Placeholder { }
