package dev.referent.batch;

/** Which input fields hold the id, text, author and title, and which are carried to the output. */
public record Fields(String id, String text, String author, String title, java.util.List<String> keep) {

    public static final Fields DEFAULT = new Fields("id", "text", "author", "title", null);

    /** Whether input field {@code name} goes to the output ({@code keep} null: all of them). */
    public boolean kept(String name) {
        return keep == null || keep.contains(name) || name.equals(id);
    }
}
