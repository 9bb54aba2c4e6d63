package dev.embargo.triage.projects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model of a hosted project registered in intake. */
@Entity
@Table(name = "projects")
public class Project {

    @Id
    private String id;
    private String slug;
    private String name;

    protected Project() {
    }

    Project(String id, String slug, String name) {
        this.id = id;
        this.slug = slug;
        this.name = name;
    }

    void rename(String slug, String name) {
        this.slug = slug;
        if (name != null) {
            this.name = name;
        }
    }

    public String id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }
}
