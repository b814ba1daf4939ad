package workforce

import (
	"fmt"
	"regexp"
)

// Profession is a staff group a scenario models: one of the 14 Allied Health
// Professions, AHP support workers, or a custom role the scenario declares
// (e.g. a first contact practitioner). Key is the stable identifier used in
// files; Name is for people.
type Profession struct {
	Key  string
	Name string
	// Support is true for support-worker lines (bands 2-4), whose staff are
	// not registered professionals.
	Support bool
	// Custom is true for roles a scenario declares rather than the standard list.
	Custom bool
}

// The standard profession keys.
const (
	ArtTherapist                    = "art_therapist"
	DramaTherapist                  = "drama_therapist"
	MusicTherapist                  = "music_therapist"
	Podiatrist                      = "podiatrist"
	Dietitian                       = "dietitian"
	OccupationalTherapist           = "occupational_therapist"
	OperatingDepartmentPractitioner = "operating_department_practitioner"
	Orthoptist                      = "orthoptist"
	Osteopath                       = "osteopath"
	Paramedic                       = "paramedic"
	Physiotherapist                 = "physiotherapist"
	ProsthetistOrthotist            = "prosthetist_orthotist"
	Radiographer                    = "radiographer"
	SpeechAndLanguageTherapist      = "speech_and_language_therapist"
	SupportWorker                   = "support_worker"
)

var standardProfessions = []Profession{
	{Key: ArtTherapist, Name: "Art therapist"},
	{Key: DramaTherapist, Name: "Drama therapist"},
	{Key: MusicTherapist, Name: "Music therapist"},
	{Key: Podiatrist, Name: "Podiatrist"},
	{Key: Dietitian, Name: "Dietitian"},
	{Key: OccupationalTherapist, Name: "Occupational therapist"},
	{Key: OperatingDepartmentPractitioner, Name: "Operating department practitioner"},
	{Key: Orthoptist, Name: "Orthoptist"},
	{Key: Osteopath, Name: "Osteopath"},
	{Key: Paramedic, Name: "Paramedic"},
	{Key: Physiotherapist, Name: "Physiotherapist"},
	{Key: ProsthetistOrthotist, Name: "Prosthetist and orthotist"},
	{Key: Radiographer, Name: "Radiographer"},
	{Key: SpeechAndLanguageTherapist, Name: "Speech and language therapist"},
	{Key: SupportWorker, Name: "AHP support worker", Support: true},
}

// StandardProfessions returns the 14 AHP professions and AHP support workers.
func StandardProfessions() []Profession {
	return append([]Profession(nil), standardProfessions...)
}

// LookupProfession finds a standard profession by key.
func LookupProfession(key string) (Profession, bool) {
	for _, p := range standardProfessions {
		if p.Key == key {
			return p, true
		}
	}
	return Profession{}, false
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// ValidKey reports whether s can be used as a key for a custom role or an
// organisation: lower case letters, digits and underscores, starting with a
// letter, at most 64 characters. Keys appear in CSV files and file names.
func ValidKey(s string) bool { return keyPattern.MatchString(s) && s != "all" }

// CheckKey returns an error saying what a key must look like.
func CheckKey(s string) error {
	if !ValidKey(s) {
		return fmt.Errorf("bad key %q (want lower case letters, digits and _, starting with a letter, at most 64 characters, not \"all\")", s)
	}
	return nil
}
