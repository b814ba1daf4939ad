package workforce

import "fmt"

// Posts says which posts newly qualified staff (a graduate cohort, the
// graduates of a student programme) take in the cell they join.
type Posts int

const (
	// PostsVacancies: they are hired only into the cell's vacancies; the
	// willing graduates who find none are lost (the default).
	PostsVacancies Posts = iota
	// PostsNewPosts: every willing graduate is hired, each into a new
	// funded post (preceptorship posts funded separately): the cell's
	// establishment grows by their FTE, so its vacancies are unchanged.
	PostsNewPosts
	// PostsSupernumerary: every willing graduate is hired over the
	// establishment: staff in post grow, funded posts do not, and the
	// vacancies fall (below zero once the posts are full).
	PostsSupernumerary
)

var postsNames = []string{"vacancies", "new_posts", "supernumerary"}

func (p Posts) String() string {
	if p.Valid() {
		return postsNames[p]
	}
	return fmt.Sprintf("Posts(%d)", int(p))
}

// Valid reports whether p is one of the kinds of posts.
func (p Posts) Valid() bool { return p >= 0 && int(p) < len(postsNames) }

// MarshalText implements encoding.TextMarshaler.
func (p Posts) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, fmt.Errorf("invalid posts %d", int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. An unknown name is
// an *UnknownNameError.
func (p *Posts) UnmarshalText(text []byte) error {
	i, err := parseName("posts", postsNames, text, "want vacancies, new_posts or supernumerary")
	if err == nil {
		*p = Posts(i)
	}
	return err
}

// Across reports whether a promotion rule is a pull move across
// professions (From and To are cells of different professions).
func (p Promotion) Across(l *Layout) bool {
	return l.Cells[p.From].Prof != l.Cells[p.To].Prof
}
